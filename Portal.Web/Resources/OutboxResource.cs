namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the outbox admin page (邮件发送): <c>OutboxResource.resx</c> in Chinese (zh-CN,
/// neutral), <c>OutboxResource.en.resx</c> in English.
/// </summary>
public sealed class OutboxResource;
