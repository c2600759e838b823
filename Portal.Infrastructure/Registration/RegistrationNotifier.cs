using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Registration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Registration;

/// <summary>
/// Tells a registration's approvers that it waits, and its applicant how it was decided: a notice in the portal
/// and an e-mail in the outbox (always: these are not request events a user can keep to the portal), in each
/// recipient's language, in the caller's unit of work. Delivery and the bells follow
/// <see cref="RequestEventNotifier.AfterCommit"/>.
/// </summary>
public sealed class RegistrationNotifier(Outbox outbox, Uri publicUrl)
{
    public static string EventType(RegistrationStep step) => $"Registration.{step}";

    /// <summary>Adds the notices of <paramref name="step"/> to <paramref name="recipients"/> without saving.</summary>
    public async Task<NotificationsToSend> AddAsync(
        PortalDbContext db, EnterpriseRegistration registration, RegistrationStep step, IReadOnlyCollection<string> recipients,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var applicant = await db.Users.AsNoTracking().Where(u => u.Id == registration.ApplicantUserId)
            .Select(u => new { u.DisplayName, u.PhoneNumber }).SingleAsync(cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture }).ToListAsync(cancellationToken);
        var outboxIds = new List<Guid>();
        foreach (var person in people)
        {
            db.PortalNotifications.Add(new PortalNotification(person.Id, registration, step, now));
            var to = new NotificationRecipient(person.Id, person.Email, person.DisplayName, person.PreferredCulture ?? NotificationText.Languages[0]);
            try
            {
                outboxIds.Add(outbox.Add(db, Compose(registration, step, applicant.DisplayName, applicant.PhoneNumber ?? "", to)));
            }
            catch (MissingNotificationTextException e)
            {
                outboxIds.Add(outbox.AddCompositionFailure(db, Fallback(step, to), e));
            }
        }
        return new NotificationsToSend(outboxIds, [.. people.Select(p => p.Id)]);
    }

    public OutgoingEmail Compose(EnterpriseRegistration registration, RegistrationStep step, string applicantName, string applicantMobile, NotificationRecipient to)
    {
        var culture = NotificationText.Language(to.Culture);
        var lines = step switch
        {
            RegistrationStep.Submitted => new List<string>
            {
                NotificationText.Format("Registration.Line.Submitted", culture, applicantName, applicantMobile, registration.EnterpriseName, registration.CreditCode.Value),
                NotificationText.Get(registration.IsNewEnterprise ? "Registration.Line.NewEnterprise" : "Registration.Line.KnownEnterprise", culture),
            },
            RegistrationStep.Approved => [NotificationText.Format("Registration.Line.Approved", culture, registration.EnterpriseName)],
            RegistrationStep.Refused => [NotificationText.Format("Registration.Line.Refused", culture, registration.EnterpriseName, registration.RefusalReason ?? "")],
        };
        var link = Link(step).ToString();
        var linkText = NotificationText.Get(step == RegistrationStep.Submitted ? "Registration.Link.Approvals" : "Registration.Link.Portal", culture);
        var greeting = NotificationText.Format("Greeting", culture, to.Name);
        var footer = NotificationText.Get("Footer", culture);

        var text = new StringBuilder().Append(greeting).Append("\r\n\r\n");
        foreach (var line in lines)
        {
            text.Append(line).Append("\r\n");
        }
        text.Append("\r\n").Append(NotificationText.Format("Line.Link", culture, link)).Append("\r\n\r\n").Append(footer).Append("\r\n");

        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{Encode(culture.Name)}\"><head><meta charset=\"utf-8\"></head>")
            .Append("<body style=\"font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;color:#1a1a1a;line-height:1.6\">")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(greeting)}</p>");
        foreach (var line in lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(line)}</p>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Encode(link)}\" style=\"color:#0b4a8b\">{Encode(linkText)}</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"color:#555;font-size:12px\">{Encode(footer)}</p></body></html>");

        return new OutgoingEmail(
            to.UserId, to.Email, to.Name,
            NotificationText.Format($"Registration.Subject.{step}", culture, registration.EnterpriseName),
            text.ToString(), html.ToString(), EventType(step));
    }

    /// <summary>Where the notice leads: the approval list for approvers, the portal's home (where approval stands) for the applicant.</summary>
    public Uri Link(RegistrationStep step) => step == RegistrationStep.Submitted ? new(publicUrl, "approvals") : publicUrl;

    private OutgoingEmail Fallback(RegistrationStep step, NotificationRecipient to) =>
        new(to.UserId, to.Email, to.Name, "【有求必应】企业用户注册", $"{Link(step)}\r\n", null, EventType(step));

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
