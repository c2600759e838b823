namespace Portal.Web.Resources;

/// <summary>
/// Marker for the text of refused actions, one entry per refusal code (<c>…Refusals</c> classes of Portal.Domain), per
/// <see cref="Portal.Domain.Term"/> and per enum value a refusal names. <c>RefusalResource.resx</c> in Chinese
/// (zh-CN, neutral), <c>RefusalResource.en.resx</c> in English. See docs/refusals.md.
/// </summary>
public sealed class RefusalResource;
