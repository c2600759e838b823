using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Folder that receives one <c>.eml</c> file per message; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    public string FromAddress { get; set; } = "noreply@yqby.local";
    public string FromName { get; set; } = "有求必应服务平台";
}

/// <summary>
/// Writes each account e-mail as a plain-text <c>.eml</c> file: first under a temporary name, then renamed to
/// its Message-ID, so a reader of the folder never sees half a message. Identity hands over links
/// HTML-encoded (its contract assumes HTML mail); plain text wants them decoded.
/// </summary>
public sealed class PickupDirectoryEmailSender(IOptions<EmailOptions> options, ILogger<PickupDirectoryEmailSender> logger)
    : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, user.DisplayName, "请确认您的邮箱 / Confirm your e-mail",
            $"""
            {Greeting(user)}

            请点击以下链接确认您在“有求必应”企业服务平台的邮箱地址：
            Please confirm your e-mail address for the 有求必应 portal by opening this link:

            {WebUtility.HtmlDecode(confirmationLink)}

            如非本人操作，请忽略本邮件。 / If this was not you, ignore this message.
            """);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, user.DisplayName, "重置密码 / Reset your password",
            $"""
            {Greeting(user)}

            我们收到了重置您密码的请求。请在 24 小时内点击以下链接设置新密码：
            We received a request to reset your password. Open this link within 24 hours to choose a new one:

            {WebUtility.HtmlDecode(resetLink)}

            如非本人操作，请忽略本邮件，您的密码不会改变。 / If this was not you, ignore this message; your password stays as it is.
            """);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, user.DisplayName, "密码重置验证码 / Password reset code",
            $"""
            {Greeting(user)}

            您的密码重置验证码是 / Your password reset code is: {resetCode}
            """);

    private static string Greeting(ApplicationUser user) =>
        string.IsNullOrWhiteSpace(user.DisplayName) ? "您好：" : $"{user.DisplayName}，您好：";

    private async Task SendAsync(string to, string toName, string subject, string body)
    {
        var settings = options.Value;
        var message = new MimeMessage
        {
            Subject = subject,
            Body = new TextPart("plain") { Text = body.ReplaceLineEndings("\r\n") },
            Date = DateTimeOffset.UtcNow,
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(toName, to));
        message.MessageId = $"{Guid.NewGuid():N}@{MailDomain(settings.FromAddress)}";

        var directory = settings.PickupDirectory;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{message.MessageId}.tmp");
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream);
        }
        File.Move(temporary, Path.Combine(directory, $"{message.MessageId}.eml"));
        logger.LogInformation("E-mail \"{Subject}\" to {To} written to the pickup folder", subject, to);
    }

    private static string MailDomain(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 ? address[(at + 1)..] : Dns.GetHostName();
    }
}
