using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Infrastructure.Data.Seeding;

namespace Portal.Tests.Support;

/// <summary>Signs in, and fills other static forms, over HTTP through the real pages, antiforgery token and all.</summary>
public static partial class FormLogin
{
    public static HttpClient NewClient(PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the login form and returns the response (a redirect on success).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Loads a static server-rendered form, then posts it back with its hidden fields and <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> values)
    {
        var fields = HiddenInputs(await client.GetStringAsync(path));
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpClient> SignedInClientAsync(PortalFactory factory, string email, string password = DemoData.Password)
    {
        var client = NewClient(factory);
        using var response = await PostAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Account/", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    private static Dictionary<string, string> HiddenInputs(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            var name = NameAttribute().Match(input.Value);
            var value = ValueAttribute().Match(input.Value);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
        }
        return fields;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
