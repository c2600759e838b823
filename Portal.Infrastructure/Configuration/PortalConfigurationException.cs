namespace Portal.Infrastructure.Configuration;

/// <summary>
/// A setting is missing, malformed or unusable. The message is one line naming the setting, meant
/// to be printed as the only output of a portal that refuses to start.
/// </summary>
public sealed class PortalConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
