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

    /// <summary>Changes the code and the name; requests keep referring to the department by its id.</summary>
    public void Rename(string code, string name)
    {
        var newCode = Require.Text(code, CodeMaxLength, Fields.DepartmentCode);
        Name = Require.Text(name, NameMaxLength, Fields.DepartmentName);
        Code = newCode;
    }

    /// <summary>
    /// Names the head. Only an active department handler of this department may be one: the services
    /// check that (the domain does not see accounts), and <see cref="VacateHead"/> when it stops being so.
    /// </summary>
    public void AppointHead(string userId) => HeadUserId = Require.Text(userId, 450, Fields.DepartmentHead);

    /// <summary>Leaves the department without a head, as when its head left, changed role or department.</summary>
    public void VacateHead() => HeadUserId = null;
}
