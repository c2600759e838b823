using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organisation;
using Portal.Domain.Registration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Registration;

/// <summary>What someone registering typed (the page has checked each field; the service checks again).</summary>
public sealed record RegistrationInput(string Name, string Mobile, string Email, string Password, string EnterpriseName, string CreditCode);

/// <summary>The field of the register form a problem belongs to.</summary>
public enum RegistrationField
{
    Email,
    Password,
    Form,
}

/// <summary>What Identity refused in a registration, and next to which field it belongs.</summary>
public sealed record RegistrationProblem(RegistrationField Field, IdentityError Error);

/// <summary>The account created and waiting, or why none was.</summary>
public sealed record RegistrationResult(ApplicationUser? User, IReadOnlyList<RegistrationProblem> Problems)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// 注册: creates the applicant's account (no role, no enterprise) and their registration in one transaction, and
/// tells its approvers — the enterprise's active commissioner, else the supervisors, who also approve a new
/// enterprise. Identity's stores work on the request's own context, so this service is scoped to an HTTP
/// request (the static register page) and never used by an interactive component.
/// </summary>
public sealed class Registrar(
    PortalDbContext db, UserManager<ApplicationUser> users, RegistrationNotifier notifier, RequestEventNotifier delivery, TimeProvider time)
{
    /// <summary>The e-mail address is a refused applicant's, who applies again by signing in rather than registering.</summary>
    public const string RefusedApplicantCode = "RefusedApplicant";

    public async Task<RegistrationResult> RegisterAsync(RegistrationInput input, CancellationToken cancellationToken = default)
    {
        var code = UnifiedSocialCreditCode.Parse(input.CreditCode);
        if (!MobileNumber.IsValid(input.Mobile))
        {
            throw new ArgumentException("The mobile number was not checked before registering.", nameof(input));
        }
        var existing = await users.FindByEmailAsync(input.Email.Trim());
        if (existing is not null && await RegistrationApprovals.MayReapplyAsync(db, existing.Id, cancellationToken))
        {
            // Decision 014: the refused applicant applies again from their own account, which keeps the history.
            return new RegistrationResult(null, [new RegistrationProblem(RegistrationField.Email, new IdentityError
            {
                Code = RefusedApplicantCode,
                Description = "该邮箱的注册申请未通过。请用该邮箱登录，在首页修改后重新提交申请",
            })]);
        }
        var now = time.GetUtcNow();
        var user = new ApplicationUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            DisplayName = input.Name.Trim(),
            PhoneNumber = MobileNumber.Normalise(input.Mobile),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return new RegistrationResult(null, [.. created.Errors.Select(e => new RegistrationProblem(FieldOf(e.Code), e))]);
        }
        var enterprise = await db.Enterprises.Where(e => e.CreditCode == code).Select(e => (int?)e.Id).SingleOrDefaultAsync(cancellationToken);
        var registration = new EnterpriseRegistration(user.Id, input.EnterpriseName, code, enterprise, now);
        db.Registrations.Add(registration);
        var approvers = await Approvers.OfAsync(db, enterprise, cancellationToken);
        var notices = await notifier.AddAsync(db, registration, RegistrationStep.Submitted, approvers, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        delivery.AfterCommit(notices);
        return new RegistrationResult(user, []);
    }

    private static RegistrationField FieldOf(string code) => code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
            or nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => RegistrationField.Email,
        CommonPasswordValidator.ErrorCode => RegistrationField.Password,
        _ when code.StartsWith("Password", StringComparison.Ordinal) => RegistrationField.Password,
        _ => RegistrationField.Form,
    };
}

/// <summary>Who approves a registration (DESIGN.md §2): the enterprise's active commissioner, else the supervisors.</summary>
internal static class Approvers
{
    public static async Task<IReadOnlyCollection<string>> OfAsync(PortalDbContext db, int? enterpriseId, CancellationToken cancellationToken)
    {
        var commissioner = enterpriseId is null
            ? null
            : await db.Enterprises.Where(e => e.Id == enterpriseId)
                .Where(e => db.Users.Any(u => u.Id == e.CommissionerUserId && u.DeactivatedAt == null))
                .Select(e => e.CommissionerUserId).SingleOrDefaultAsync(cancellationToken);
        return commissioner is not null ? [commissioner] : await RequestPeople.SupervisorsAsync(db, cancellationToken);
    }
}
