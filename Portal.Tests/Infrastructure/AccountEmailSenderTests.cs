using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Identity;

namespace Portal.Tests.Infrastructure;

public sealed class PickupDirectoryEmailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-tests", "pickup-" + Guid.NewGuid().ToString("N"));

    private PickupDirectoryEmailSender Sender() => new(
        Options.Create(new EmailOptions { PickupDirectory = _folder, FromAddress = "noreply@yqby.local", FromName = "有求必应服务平台" }),
        NullLogger<PickupDirectoryEmailSender>.Instance);

    [Fact]
    public async Task SendPasswordResetLink_WritesOneCompleteMessageNamedByItsId()
    {
        var user = new ApplicationUser { DisplayName = "刘洋", Email = "enterprise@yqby.test" };

        await Sender().SendPasswordResetLinkAsync(user, "enterprise@yqby.test", "http://localhost/Account/ResetPassword?code=abc&amp;x=1");

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.EndsWith(".eml", file);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), message.MessageId);
        Assert.Equal("enterprise@yqby.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("noreply@yqby.local", message.From.Mailboxes.Single().Address);
        Assert.Contains("重置密码", message.Subject);
        Assert.Contains("http://localhost/Account/ResetPassword?code=abc&x=1", message.TextBody);
        Assert.Contains("刘洋，您好", message.TextBody);
    }

    [Fact]
    public async Task SendConfirmationLink_TwiceWritesTwoMessagesAndNoTemporaryFile()
    {
        var user = new ApplicationUser { Email = "a@yqby.test" };

        await Sender().SendConfirmationLinkAsync(user, "a@yqby.test", "http://localhost/confirm/1");
        await Sender().SendConfirmationLinkAsync(user, "a@yqby.test", "http://localhost/confirm/2");

        var files = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
