using Microsoft.Extensions.Options;
using Portal.Infrastructure.Configuration;

namespace Portal.Web;

/// <summary>Turns a refusal to start into the one line an operator needs; null for anything else.</summary>
internal static class StartupFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        PortalConfigurationException e => $"Portal refused to start: {e.Message}",
        OptionsValidationException e => $"Portal refused to start: {string.Join(" ", e.Failures)}",
        AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerException!),
        _ => null,
    };
}
