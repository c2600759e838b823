namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the enterprises page (企业管理): <c>EnterpriseResource.resx</c> in Chinese (zh-CN,
/// neutral), <c>EnterpriseResource.en.resx</c> in English.
/// </summary>
public sealed class EnterpriseResource;
