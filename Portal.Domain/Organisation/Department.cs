namespace Portal.Domain.Organisation;

/// <summary>职能部门: a functional department that leads or co-handles requests.</summary>
public class Department
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 64;

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }

    /// <summary>The user id of the department's head (科室负责人), who distributes work inside it; null until one is named.</summary>
    public string? HeadUserId { get; private set; }

    public Department(string code, string name)
    {
        Code = Require.Text(code, CodeMaxLength, Fields.DepartmentCode);
        Name = Require.Text(name, NameMaxLength, Fields.DepartmentName);
    }

    public void AppointHead(string userId) => HeadUserId = Require.Text(userId, 450, Fields.DepartmentHead);
}
