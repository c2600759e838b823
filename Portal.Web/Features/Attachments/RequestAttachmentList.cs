using Portal.Infrastructure.Attachments;

namespace Portal.Web.Features.Attachments;

/// <summary>The files of one request as a reader may see them, in plain values that survive the hand-over from prerendering.</summary>
public sealed record RequestAttachmentList(string Number, IReadOnlyList<AttachmentInfo> Files);
