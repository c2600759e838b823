namespace Portal.Infrastructure.Configuration;

/// <summary>The portal as the outside world reaches it.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address users open the portal at; e-mail links to <c>{PublicUrl}/requests/{number}</c>.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000/";

    /// <summary><see cref="PublicUrl"/> ending in a slash, so relative links keep its path.</summary>
    public Uri BaseUri => new(PublicUrl.EndsWith('/') ? PublicUrl : PublicUrl + "/");
}
