using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Email;

/// <summary>
/// The account e-mails Identity asks for, composed in Chinese and English, as plain text and HTML.
/// Identity hands links over HTML-encoded (its contract assumes HTML mail): plain text wants them decoded.
/// </summary>
public static class AccountEmails
{
    public static OutgoingEmail ConfirmationLink(ApplicationUser user, string email, string confirmationLink)
    {
        var link = WebUtility.HtmlDecode(confirmationLink);
        return Compose(user, email, OutboxEventTypes.ConfirmEmail, "请确认您的邮箱 / Confirm your e-mail",
            $"""
            {Greeting(user)}

            请点击以下链接确认您在“有求必应”企业服务平台的邮箱地址：
            Please confirm your e-mail address for the 有求必应 portal by opening this link:

            {link}

            如非本人操作，请忽略本邮件。 / If this was not you, ignore this message.
            """,
            Html(user,
                Paragraph("请点击以下链接确认您在“有求必应”企业服务平台的邮箱地址：", "Please confirm your e-mail address for the 有求必应 portal by opening this link:"),
                Link(link, "确认邮箱 / Confirm e-mail"),
                Paragraph("如非本人操作，请忽略本邮件。", "If this was not you, ignore this message.")));
    }

    public static OutgoingEmail PasswordResetLink(ApplicationUser user, string email, string resetLink)
    {
        var link = WebUtility.HtmlDecode(resetLink);
        return Compose(user, email, OutboxEventTypes.PasswordResetLink, "重置密码 / Reset your password",
            $"""
            {Greeting(user)}

            我们收到了重置您密码的请求。请在 24 小时内点击以下链接设置新密码：
            We received a request to reset your password. Open this link within 24 hours to choose a new one:

            {link}

            如非本人操作，请忽略本邮件，您的密码不会改变。 / If this was not you, ignore this message; your password stays as it is.
            """,
            Html(user,
                Paragraph("我们收到了重置您密码的请求。请在 24 小时内点击以下链接设置新密码：",
                    "We received a request to reset your password. Open this link within 24 hours to choose a new one:"),
                Link(link, "设置新密码 / Choose a new password"),
                Paragraph("如非本人操作，请忽略本邮件，您的密码不会改变。", "If this was not you, ignore this message; your password stays as it is.")));
    }

    public static OutgoingEmail PasswordResetCode(ApplicationUser user, string email, string resetCode) =>
        Compose(user, email, OutboxEventTypes.PasswordResetCode, "密码重置验证码 / Password reset code",
            $"""
            {Greeting(user)}

            您的密码重置验证码是 / Your password reset code is: {resetCode}
            """,
            Html(user,
                Paragraph("您的密码重置验证码是：", "Your password reset code is:"),
                $"<p style=\"font-size:20px;font-weight:bold;letter-spacing:2px\">{Encode(resetCode)}</p>"));

    private static OutgoingEmail Compose(ApplicationUser user, string email, string eventType, string subject, string text, string html) =>
        new(string.IsNullOrEmpty(user.Id) ? null : user.Id, email, user.DisplayName, subject, text, html, eventType);

    private static string Greeting(ApplicationUser user) =>
        string.IsNullOrWhiteSpace(user.DisplayName) ? "您好：" : $"{user.DisplayName}，您好：";

    private static string Html(ApplicationUser user, params string[] blocks) =>
        $"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>有求必应</title></head>
        <body style="font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.6;color:#222">
        <p>{Encode(Greeting(user))}</p>
        {string.Join("\n", blocks)}
        <p style="color:#777;font-size:13px">有求必应 · 台儿庄区企业服务平台</p>
        </body>
        </html>
        """;

    private static string Paragraph(string chinese, string english) =>
        $"<p>{Encode(chinese)}<br><span style=\"color:#555\">{Encode(english)}</span></p>";

    private static string Link(string href, string text) =>
        $"<p><a href=\"{Encode(href)}\" style=\"color:#b71c1c\">{Encode(text)}</a><br><span style=\"word-break:break-all;color:#555\">{Encode(href)}</span></p>";

    // Chinese stays text rather than numeric character references: smaller, and readable in the source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);
}
