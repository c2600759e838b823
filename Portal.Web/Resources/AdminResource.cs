namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the admin pages (用户管理, 审计日志): <c>AdminResource.resx</c> in Chinese (zh-CN,
/// neutral), <c>AdminResource.en.resx</c> in English.
/// </summary>
public sealed class AdminResource;
