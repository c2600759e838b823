using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Web.Components.Account;

/// <summary>Identity's tokens as they travel in the links the portal e-mails.</summary>
internal static class AccountLinks
{
    public static string EncodeCode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token in a link's <c>code</c>, or null when the link was cut short or tampered with.</summary>
    public static string? DecodeCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
