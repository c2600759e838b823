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
}
