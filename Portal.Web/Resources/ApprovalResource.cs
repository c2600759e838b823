namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of registration approvals and of where an applicant's registration stands.
/// <c>ApprovalResource.resx</c> in Chinese (zh-CN, neutral), <c>ApprovalResource.en.resx</c> in English.
/// </summary>
public sealed class ApprovalResource;
