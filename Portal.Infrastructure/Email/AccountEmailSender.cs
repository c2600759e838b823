using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Email;

/// <summary>
/// Identity's account e-mail, through the outbox like every other e-mail: the composed message is saved at
/// once in a context of its own (Identity's change is already saved), then its delivery is enqueued.
/// </summary>
public sealed class AccountEmailSender(IDbContextFactory<PortalDbContext> contexts, Outbox outbox) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        WriteAsync(AccountEmails.ConfirmationLink(user, email, confirmationLink));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        WriteAsync(AccountEmails.PasswordResetLink(user, email, resetLink));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        WriteAsync(AccountEmails.PasswordResetCode(user, email, resetCode));

    private async Task WriteAsync(OutgoingEmail email)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var id = outbox.Add(db, email);
        await db.SaveChangesAsync();
        outbox.DeliverSoon([id]);
    }
}
