namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the bell, the notification list and the e-mail preferences:
/// <c>NotificationResource.resx</c> in Chinese (zh-CN, neutral), <c>NotificationResource.en.resx</c> in English.
/// What each event says comes from the same words as the e-mail (Portal.Infrastructure's NotificationText).
/// </summary>
public sealed class NotificationResource;
