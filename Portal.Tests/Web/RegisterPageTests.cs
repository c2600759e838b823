using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Registration;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>The register form over HTTP, as the browser posts it: each problem next to its field, and what was typed kept (but passwords).</summary>
public partial class RegisterPageTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private const string Password = "Canal#Boat-88";

    private static Dictionary<string, string> Form(string email, string code = "91370405MA3C8K2L60", string mobile = "13905320000") => new()
    {
        ["Input.EnterpriseName"] = "枣庄创普斯新能源科技有限公司",
        ["Input.CreditCode"] = code,
        ["Input.Name"] = "张新",
        ["Input.Mobile"] = mobile,
        ["Input.Email"] = email,
        ["Input.Password"] = Password,
        ["Input.ConfirmPassword"] = Password,
    };

    [Fact]
    public async Task Register_WithAWrongCheckCharacter_SaysSoNextToTheCode_AndKeepsWhatWasTyped()
    {
        using var client = FormLogin.NewClient(host.Factory);

        // The demo code of 创普斯 with its last character changed.
        using var response = await FormLogin.PostFormAsync(client, "/Account/Register", Form("zhang.xin@example.cn", code: "91370405MA3C8K2L61"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["统一社会信用代码校验位不正确，请核对后重新输入"], MessagesOf(html, "Input.CreditCode"));
        AssertKept(html, "Input.CreditCode", "91370405MA3C8K2L61");
        AssertKept(html, "Input.EnterpriseName", "枣庄创普斯新能源科技有限公司");
        AssertKept(html, "Input.Name", "张新");
        AssertKept(html, "Input.Mobile", "13905320000");
        AssertKept(html, "Input.Email", "zhang.xin@example.cn");
        Assert.DoesNotContain(Password, html);
    }

    [Fact]
    public async Task Register_WithEveryFieldEmpty_SaysWhichAreRequired()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await FormLogin.PostFormAsync(client, "/Account/Register", []);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(["请填写企业名称。"], MessagesOf(html, "Input.EnterpriseName"));
        Assert.Equal(["请填写统一社会信用代码。"], MessagesOf(html, "Input.CreditCode"));
        Assert.Equal(["请填写姓名。"], MessagesOf(html, "Input.Name"));
        Assert.Equal(["请填写手机号码。"], MessagesOf(html, "Input.Mobile"));
        Assert.Contains("请填写邮箱。", MessagesOf(html, "Input.Email"));
    }

    [Fact]
    public async Task Register_WithABadMobileNumber_SaysSoNextToIt_AndKeepsIt()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await FormLogin.PostFormAsync(client, "/Account/Register", Form("li.si@example.cn", mobile: "12345"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(["请输入 11 位手机号码（以 1 开头，第二位为 3–9）"], MessagesOf(html, "Input.Mobile"));
        Assert.Empty(MessagesOf(html, "Input.CreditCode"));
        AssertKept(html, "Input.Mobile", "12345");
        AssertKept(html, "Input.Email", "li.si@example.cn");
    }

    [Fact]
    public async Task Register_WithAnAddressAlreadyInUse_SaysSoOnceNextToTheAddress()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await FormLogin.PostFormAsync(client, "/Account/Register", Form("cadre@yqby.test"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(["邮箱“cadre@yqby.test”已被其他账号使用。"], MessagesOf(html, "Input.Email"));
        AssertKept(html, "Input.Email", "cadre@yqby.test");
        AssertKept(html, "Input.CreditCode", "91370405MA3C8K2L60");
        AssertKept(html, "Input.Name", "张新");
    }

    [Fact]
    public async Task Register_InEnglish_SaysWhatIsWrongWithTheCodeInEnglish()
    {
        using var client = FormLogin.NewClient(host.Factory);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        using var response = await FormLogin.PostFormAsync(client, "/Account/Register", Form("wang.wu@example.cn", code: "91370405MA3C8K2L6"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(["A unified social credit code has 18 characters; this has 17"], MessagesOf(html, "Input.CreditCode"));
    }

    [Fact]
    public async Task Register_WithEverythingRight_AsksToConfirmTheAddress()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await FormLogin.PostFormAsync(client, "/Account/Register", Form($"ok-{Guid.NewGuid():N}@example.cn"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/RegisterConfirmation", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Register_WithARefusedApplicantsAddress_SaysToSignInAndApplyAgain_NextToTheAddress()
    {
        var email = $"refused-{Guid.NewGuid():N}@example.cn";
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<Registrar>().RegisterAsync(
                new RegistrationInput("张新", "13905320000", email, Password, "创普斯", "91370405MA3C8K2L60"));
            var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            var id = await db.Registrations.Where(r => r.ApplicantUserId == registered.User!.Id).Select(r => r.Id).SingleAsync();
            var commissioner = await db.Users.Where(u => u.Email == "commissioner@yqby.test").Select(u => u.Id).SingleAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<RegistrationApprovals>()
                .RefuseAsync(new PortalUser(commissioner, Roles.Commissioner, null, null), id, "请填写企业全称"));
        }
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await FormLogin.PostFormAsync(client, "/Account/Register", Form(email));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["该邮箱的注册申请未通过。请用该邮箱登录，在首页修改后重新提交申请（忘记密码可通过“忘记密码”找回）"], MessagesOf(html, "Input.Email"));
        AssertKept(html, "Input.Email", email);
    }

    /// <summary>The validation messages rendered right after the field's input, in its own field block.</summary>
    private static List<string> MessagesOf(string html, string field)
    {
        var start = html.IndexOf($"id=\"{field}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no field {field}");
        var end = html.IndexOf("class=\"field\"", start, StringComparison.Ordinal);
        var block = html[start..(end < 0 ? html.Length : end)];
        return [.. ValidationMessage().Matches(block).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    private static void AssertKept(string html, string field, string value)
    {
        var input = Regex.Match(html, $"<input[^>]*id=\"{Regex.Escape(field)}\"[^>]*>").Value;
        var kept = Regex.Match(input, "value=\"([^\"]*)\"");
        Assert.True(kept.Success, $"{field} lost what was typed: {input}");
        Assert.Equal(value, WebUtility.HtmlDecode(kept.Groups[1].Value));
    }

    [GeneratedRegex("<div class=\"validation-message\">([^<]*)</div>")]
    private static partial Regex ValidationMessage();
}
