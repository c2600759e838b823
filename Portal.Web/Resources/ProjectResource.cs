namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the project pages (全生命周期服务). <c>ProjectResource.resx</c> in Chinese (zh-CN, neutral),
/// <c>ProjectResource.en.resx</c> in English.
/// </summary>
public sealed class ProjectResource;
