namespace Portal.Domain.Identity;

/// <summary>The six roles of DESIGN.md section 2. The names are stored, so they never change.</summary>
public static class Roles
{
    /// <summary>企业用户: staff of one enterprise.</summary>
    public const string Enterprise = nameof(Enterprise);

    /// <summary>经济发展服务专员: the commissioner who looks after assigned enterprises.</summary>
    public const string Commissioner = nameof(Commissioner);

    /// <summary>部门经办人: a handler in a functional department (one per department is its head).</summary>
    public const string DepartmentHandler = nameof(DepartmentHandler);

    /// <summary>包保县级干部: the county-level cadre who guarantees above-scale enterprises.</summary>
    public const string Cadre = nameof(Cadre);

    /// <summary>营商环境督查: the business-environment office, dispatcher of last resort.</summary>
    public const string Supervisor = nameof(Supervisor);

    /// <summary>系统管理员.</summary>
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } =
        [Enterprise, Commissioner, DepartmentHandler, Cadre, Supervisor, Admin];
}
