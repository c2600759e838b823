using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;
using Portal.Web.Components.Account;

namespace Portal.Tests.Web;

/// <summary>
/// The Account pages over HTTP, as a browser without JavaScript sees them. Each test uses its own
/// demo account, because the class shares one database.
/// </summary>
public partial class AccountPagesTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private const string StrongPassword = "Canal#Boat-2026";

    /// <summary>Texts of the template's English pages that must not survive in the Chinese ones.</summary>
    private static readonly string[] TemplateEnglish =
    [
        "Manage your account", "Two-factor authentication", "Log in", "Email", "Password", "Profile", "Error",
        "Recovery code", "authenticator app", "Thank you", "Please", "Unable to", "Reset", "Confirm", "Register",
    ];

    /// <summary>Every Account page the portal keeps, as a signed-in user reaches it.</summary>
    private static readonly string[] KeptPages =
    [
        "/Account/Login", "/Account/ForgotPassword", "/Account/ForgotPasswordConfirmation",
        "/Account/ResetPassword?code=Ym9ndXM", "/Account/ResetPasswordConfirmation", "/Account/InvalidPasswordReset",
        "/Account/InvalidUser", "/Account/Lockout", "/Account/AccessDenied", "/Account/ResendEmailConfirmation",
        "/Account/Register", "/Account/RegisterConfirmation", "/Account/ConfirmEmail?userId=nobody&code=Ym9ndXM",
        "/Account/ConfirmEmailChange?userId=nobody&email=new%40yqby.test&code=Ym9ndXM",
        "/Account/Manage", "/Account/Manage/Email", "/Account/Manage/ChangePassword", "/Account/Manage/SetPassword",
        "/Account/Manage/TwoFactorAuthentication", "/Account/Manage/EnableAuthenticator", "/Account/Manage/Disable2fa",
        "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/ResetAuthenticator",
    ];

    [Fact]
    public async Task ResetPassword_WithABogusCode_SaysTheLinkIsInvalidOrExpired()
    {
        using var client = FormLogin.NewClient(host.Factory);
        var bogus = "/Account/ResetPassword?code=" + Base64Url("not-a-token");

        var opened = await client.GetStringAsync(bogus + "&email=cadre%40yqby.test");
        Assert.Contains("此密码重置链接已过期或已被使用", Alert(opened));
        Assert.Contains("href=\"Account/ForgotPassword\"", opened);

        using var posted = await FormLogin.PostFormAsync(client, bogus, new()
        {
            ["Input.Email"] = "cadre@yqby.test",
            ["Input.Password"] = StrongPassword,
            ["Input.ConfirmPassword"] = StrongPassword,
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("此密码重置链接已过期或已被使用", Alert(await posted.Content.ReadAsStringAsync()));

        using var cutShort = await client.GetAsync("/Account/ResetPassword?code=x");
        Assert.EndsWith("/Account/InvalidPasswordReset", cutShort.Headers.Location!.OriginalString);
        Assert.Contains("此密码重置链接无效或已过期", await client.GetStringAsync("/Account/InvalidPasswordReset"));
    }

    [Fact]
    public async Task ResetPassword_OfALockedAccount_EndsTheLockout()
    {
        const string email = "commissioner3@yqby.test";
        using var client = FormLogin.NewClient(host.Factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await FormLogin.PostAsync(client, email, "Wrong#Pass" + attempt)).Dispose();
        }
        using (var locked = await FormLogin.PostAsync(client, email, DemoData.Password))
        {
            Assert.Contains("账号已锁定", Alert(await locked.Content.ReadAsStringAsync()));
        }

        (await FormLogin.PostFormAsync(client, "/Account/ForgotPassword", new() { ["Input.Email"] = email })).Dispose();
        var link = new Uri(await MailedResetLinkAsync(email));
        using var reset = await FormLogin.PostFormAsync(client, link.PathAndQuery, new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = StrongPassword,
            ["Input.ConfirmPassword"] = StrongPassword,
        });
        Assert.EndsWith("/Account/ResetPasswordConfirmation", reset.Headers.Location!.OriginalString);

        (await FormLogin.SignedInClientAsync(host.Factory, email, StrongPassword)).Dispose();
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_SaysSoInChinese()
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "enterprise@yqby.test");

        using var response = await FormLogin.PostFormAsync(client, "/Account/Manage/ChangePassword", new()
        {
            ["Input.OldPassword"] = "Wrong#Pass-1",
            ["Input.NewPassword"] = StrongPassword,
            ["Input.ConfirmPassword"] = StrongPassword,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("密码不正确。", Alert(html));
        Assert.DoesNotContain(StrongPassword, html);
    }

    [Fact]
    public async Task ChangePassword_ToAWeakPassword_ShowsThePasswordRulesInChinese()
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "enterprise2@yqby.test");

        using var response = await FormLogin.PostFormAsync(client, "/Account/Manage/ChangePassword", new()
        {
            ["Input.OldPassword"] = DemoData.Password,
            ["Input.NewPassword"] = "abcabc",
            ["Input.ConfirmPassword"] = "abcabc",
        });

        var alert = Alert(await response.Content.ReadAsStringAsync());
        Assert.Contains("密码至少需要 8 个字符", alert);
        Assert.Contains("至少 3 类", alert);
        (await FormLogin.SignedInClientAsync(host.Factory, "enterprise2@yqby.test")).Dispose();
    }

    [Fact]
    public async Task ChangePassword_WithTheRightPassword_SaysDoneInChineseAndTheNewPasswordSignsIn()
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "admin@yqby.test");

        using var response = await FormLogin.PostFormAsync(client, "/Account/Manage/ChangePassword", new()
        {
            ["Input.OldPassword"] = DemoData.Password,
            ["Input.NewPassword"] = StrongPassword,
            ["Input.ConfirmPassword"] = StrongPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Equal("密码已修改。", Alert(page));
        Assert.Contains("alert-success", page);
        (await FormLogin.SignedInClientAsync(host.Factory, "admin@yqby.test", StrongPassword)).Dispose();
    }

    [Fact]
    public async Task Profile_WithABadPhoneNumber_SaysSoInChineseAndKeepsWhatWasTyped()
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "commissioner@yqby.test");

        using var response = await FormLogin.PostFormAsync(client, "/Account/Manage", new() { ["Input.PhoneNumber"] = "call me" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("电话号码格式不正确", html);
        Assert.Contains("value=\"call me\"", html);
        Assert.Contains("李明", html);
    }

    [Fact]
    public async Task EveryKeptPage_ForASignedInUserWithTwoFactor_AnswersInChinese()
    {
        const string email = "commissioner2@yqby.test";
        using var client = await FormLogin.SignedInClientAsync(host.Factory, email);
        var recoveryCodes = await EnableTwoFactorAsync(client);
        Assert.Equal(10, recoveryCodes.Count);

        foreach (var path in KeptPages)
        {
            var (status, html) = await GetFollowingRedirectsAsync(client, path);
            AssertChinese(path, status, html);
        }

        using var secondDevice = FormLogin.NewClient(host.Factory);
        using var password = await FormLogin.PostAsync(secondDevice, email, DemoData.Password);
        Assert.Contains("Account/LoginWith2fa", password.Headers.Location!.OriginalString);
        foreach (var path in new[] { password.Headers.Location.OriginalString, "/Account/LoginWithRecoveryCode" })
        {
            var (status, html) = await GetFollowingRedirectsAsync(secondDevice, path);
            AssertChinese(path, status, html);
            Assert.Contains("<input", html);
        }

        using var recovered = await FormLogin.PostFormAsync(secondDevice, "/Account/LoginWithRecoveryCode", new()
        {
            ["Input.RecoveryCode"] = recoveryCodes[0],
        });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.DoesNotContain("Account/", recovered.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginPage_AfterSwitchingToEnglish_IsInEnglish()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var switched = await client.GetAsync("/culture?name=en&returnUrl=/Account/Login");
        Assert.Equal("/Account/Login", switched.Headers.Location!.OriginalString);
        var html = await client.GetStringAsync("/Account/Login");

        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Sign in to the portal", html);
        Assert.Contains("<label for=\"Input.Email\">E-mail</label>", html);
        Assert.DoesNotContain("登录有求必应平台", html);
    }

    [Fact]
    public async Task ChangePassword_ToACommonPassword_AfterSwitchingToEnglish_IsExplainedInEnglish()
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "cadre2@yqby.test");
        (await client.GetAsync("/culture?name=en&returnUrl=/")).Dispose();

        using var response = await FormLogin.PostFormAsync(client, "/Account/Manage/ChangePassword", new()
        {
            ["Input.OldPassword"] = DemoData.Password,
            ["Input.NewPassword"] = "password",
            ["Input.ConfirmPassword"] = "password",
        });

        var alert = Alert(await response.Content.ReadAsStringAsync());
        Assert.Contains("Passwords must mix at least 3 of", alert);
        Assert.Contains("too common", alert);
        Assert.DoesNotMatch(Cjk(), alert);
    }

    [Fact]
    public void LocalizedIdentityErrorDescriber_OverridesEveryErrorOfIdentity()
    {
        var errors = typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType == typeof(IdentityErrorDescriber) && m.IsVirtual)
            .ToList();
        Assert.True(errors.Count >= 22);

        var notOverridden = errors
            .Where(m => typeof(LocalizedIdentityErrorDescriber)
                .GetMethod(m.Name, m.GetParameters().Select(p => p.ParameterType).ToArray())!.DeclaringType != typeof(LocalizedIdentityErrorDescriber))
            .Select(m => m.Name);
        Assert.Empty(notOverridden);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void LocalizedIdentityErrorDescriber_DescribesEveryErrorInTheUsersLanguage(string culture)
    {
        using var scope = host.Factory.Services.CreateScope();
        var describer = scope.ServiceProvider.GetRequiredService<IdentityErrorDescriber>();
        Assert.IsType<LocalizedIdentityErrorDescriber>(describer);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            foreach (var method in typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                         .Where(m => m.DeclaringType == typeof(IdentityErrorDescriber) && m.IsVirtual))
            {
                var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)8 : "someone").ToArray();
                var error = (IdentityError)method.Invoke(describer, arguments)!;

                Assert.Equal(method.Name, error.Code);
                Assert.False(error.Description.StartsWith("IdentityError.", StringComparison.Ordinal), method.Name);
                if (culture == "zh-CN")
                {
                    Assert.Matches(Cjk(), error.Description);
                }
                else
                {
                    Assert.DoesNotMatch(Cjk(), error.Description);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static void AssertChinese(string path, HttpStatusCode status, string html)
    {
        Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status}");
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.True(ChineseHeading().IsMatch(html), $"{path} has no heading in Chinese: {string.Join(" | ", Regex.Matches(html, "<h[1-6][^>]*>[^<]*").Select(m => m.Value))}");
        var text = VisibleText(html);
        foreach (var english in TemplateEnglish)
        {
            Assert.False(text.Contains(english, StringComparison.Ordinal), $"{path} still says \"{english}\": {text}");
        }
        var sentence = EnglishWords().Match(text);
        Assert.False(sentence.Success, $"{path} has English text: \"{sentence.Value}\"");
    }

    /// <summary>Sets up an authenticator app through the real page, as a phone would: the key off the page, a TOTP code back.</summary>
    private static async Task<List<string>> EnableTwoFactorAsync(HttpClient client)
    {
        var setup = await client.GetStringAsync("/Account/Manage/EnableAuthenticator");
        var key = SecretText().Match(setup).Groups[1].Value;
        Assert.Matches(@"^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.Contains("otpauth://totp/", setup);

        using var verified = await FormLogin.PostFormAsync(client, "/Account/Manage/EnableAuthenticator", new()
        {
            ["Input.Code"] = Totp(key, DateTimeOffset.UtcNow),
        });
        var html = await verified.Content.ReadAsStringAsync();
        Assert.Contains("身份验证器应用已验证，双重验证已开启。", html);
        return RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
    }

    private async Task<string> MailedResetLinkAsync(string email)
    {
        // This host runs no job server: deliver the outbox as its sweep would.
        await host.Factory.Services.GetRequiredService<OutboxDeliveryJob>().SweepAsync(CancellationToken.None);
        foreach (var file in Directory.GetFiles(host.Factory.PickupDirectory, "*.eml"))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => m.Address == email) && ResetLink().Match(mail.TextBody ?? "") is { Success: true } link)
            {
                return link.Value;
            }
        }
        throw new InvalidOperationException($"No reset link was mailed to {email}.");
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetFollowingRedirectsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        for (var hop = 0; hop < 5 && response.StatusCode == HttpStatusCode.Redirect; hop++)
        {
            var next = response.Headers.Location!;
            response.Dispose();
            response = await client.GetAsync(next);
        }
        using (response)
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Totp(string base32Key, DateTimeOffset now)
    {
        var key = Base32(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, now.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var code = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return code.ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Alert(string html) => WebUtility.HtmlDecode(AlertText().Match(html).Groups[1].Value).Trim();

    private static string VisibleText(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(Invisible().Replace(html, " "), " "));

    [GeneratedRegex("<div class=\"alert [^\"]*\" role=\"alert\">([^<]*)</div>")]
    private static partial Regex AlertText();

    [GeneratedRegex(@"<h[12](\s[^>]*)?>[^<]*\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseHeading();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    /// <summary>What is not prose: scripts, styles, and keys, links and codes shown for copying.</summary>
    [GeneratedRegex(@"<(script|style|code)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>Three English words in a row: the start of a sentence nobody translated.</summary>
    [GeneratedRegex(@"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"http\S*/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();


    [GeneratedRegex("<code class=\"secret-text\">([^<]*)</code>")]
    private static partial Regex SecretText();

    [GeneratedRegex("<li><code>([^<]*)</code></li>")]
    private static partial Regex RecoveryCode();
}
