using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

/// <summary>Identity's account e-mail goes through the outbox: a row first, then a delivered message.</summary>
public class AccountEmailSenderTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SendPasswordResetLink_WritesAnOutboxRowThatIsDeliveredAsOneCompleteMessage(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var user = new ApplicationUser { Id = "user-42", DisplayName = "刘洋", Email = "enterprise@yqby.test" };
        var sender = portal.Services.GetRequiredService<IEmailSender<ApplicationUser>>();

        await sender.SendPasswordResetLinkAsync(user, "enterprise@yqby.test", "http://localhost/Account/ResetPassword?code=abc&amp;x=1");

        var row = Assert.Single(await portal.RowsAsync());
        Assert.Equal(OutboxState.Pending, row.State);
        Assert.Equal(OutboxEventTypes.PasswordResetLink, row.EventType);
        Assert.Equal("user-42", row.RecipientUserId);
        Assert.Empty(portal.AllFiles());

        await portal.Job().DeliverAsync([row.Id], CancellationToken.None);

        var file = Assert.Single(portal.AllFiles());
        Assert.Equal($"{row.Id}.eml", Path.GetFileName(file));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal($"{row.Id}@yqby.local", message.MessageId);
        Assert.Equal("enterprise@yqby.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("noreply@yqby.local", message.From.Mailboxes.Single().Address);
        Assert.Contains("重置密码", message.Subject);
        Assert.Contains("http://localhost/Account/ResetPassword?code=abc&x=1", message.TextBody);
        Assert.Contains("刘洋，您好", message.TextBody);
        Assert.Contains("href=\"http://localhost/Account/ResetPassword?code=abc&amp;x=1\"", message.HtmlBody);
        Assert.Contains("刘洋，您好", message.HtmlBody);
    }

    [Fact]
    public async Task SendConfirmationLink_TwiceWritesTwoMessagesAndNoTemporaryFile()
    {
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite);
        var user = new ApplicationUser { Email = "a@yqby.test" };
        var sender = portal.Services.GetRequiredService<IEmailSender<ApplicationUser>>();

        await sender.SendConfirmationLinkAsync(user, "a@yqby.test", "http://localhost/confirm/1");
        await sender.SendConfirmationLinkAsync(user, "a@yqby.test", "http://localhost/confirm/2");
        await portal.Job().SweepAsync(CancellationToken.None);

        var files = portal.AllFiles();
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f));
        var links = await Task.WhenAll(files.Select(async f => (await MimeMessage.LoadAsync(f)).TextBody ?? ""));
        Assert.Contains(links, body => body.Contains("http://localhost/confirm/1"));
        Assert.Contains(links, body => body.Contains("http://localhost/confirm/2"));
    }
}
