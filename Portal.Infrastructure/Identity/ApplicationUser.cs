using Microsoft.AspNetCore.Identity;

namespace Portal.Infrastructure.Identity;

/// <summary>A person who signs in. Which of the fields below is set follows the user's role.</summary>
public class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 32;

    /// <summary>The name shown to others (姓名).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Set for department handlers: the department they work in.</summary>
    public int? DepartmentId { get; set; }

    /// <summary>Set for enterprise users: the one enterprise whose requests they see.</summary>
    public int? EnterpriseId { get; set; }

    /// <summary>The language the user last chose (zh-CN or en): e-mail is written in it. Null until they choose.</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>
    /// When an admin deactivated the account (someone who left or moved post); null while active. A
    /// deactivated user signs in no more (locked out for good) and new requests route past them.
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>
    /// Set when an admin reset the password: the user must choose a new one before the portal shows them
    /// anything else (the sign-in cookie carries it, see <see cref="PortalClaims.MustChangePassword"/>).
    /// </summary>
    public bool MustChangePassword { get; private set; }

    public void RequirePasswordChange() => MustChangePassword = true;

    public void PasswordChanged() => MustChangePassword = false;

    public void Deactivate(DateTimeOffset now)
    {
        DeactivatedAt ??= now;
        LockoutEnabled = true;
        LockoutEnd = DateTimeOffset.MaxValue;
    }
}
