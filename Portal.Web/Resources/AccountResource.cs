namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of the Account pages (sign-in, passwords, two-factor, account settings):
/// <c>AccountResource.resx</c> in Chinese (zh-CN, neutral), <c>AccountResource.en.resx</c> in English.
/// </summary>
public sealed class AccountResource;
