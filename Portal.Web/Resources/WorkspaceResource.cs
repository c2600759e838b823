namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the staff workspace (工作台): <c>WorkspaceResource.resx</c> in Chinese (zh-CN,
/// neutral), <c>WorkspaceResource.en.resx</c> in English.
/// </summary>
public sealed class WorkspaceResource;
