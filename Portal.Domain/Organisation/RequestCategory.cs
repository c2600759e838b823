namespace Portal.Domain.Organisation;

/// <summary>
/// 诉求类别: a factor guarantee (要素保障: land, finance, energy, water, power) or a service, with
/// the department that leads requests of the kind. An inactive (停用) category is offered no more
/// when a request is filed; the requests already filed under it keep it.
/// </summary>
public class RequestCategory
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 32;
    public const int DescriptionMaxLength = 500;

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string Description { get; private set; }
    /// <summary>
    /// The department proposed as lead when a request of the category is dispatched; null only for an
    /// inactive category (or one stored before the rule), whose requests whoever dispatches must route by hand.
    /// </summary>
    public int? LeadDepartmentId { get; private set; }

    /// <summary>启用: offered when a request is filed. An active category always has a lead department.</summary>
    public bool IsActive { get; private set; } = true;

    public RequestCategory(string code, string name, string description, int? leadDepartmentId, bool isActive = true)
    {
        ThrowFirst(Check(code, name, description, leadDepartmentId, isActive));
        Code = code.Trim();
        Name = name.Trim();
        Description = description.Trim();
        LeadDepartmentId = leadDepartmentId;
        IsActive = isActive;
    }

    /// <summary>Changes everything an admin edits at once; nothing changes when any part is refused.</summary>
    public void Change(string code, string name, string description, int? leadDepartmentId, bool isActive)
    {
        ThrowFirst(Check(code, name, description, leadDepartmentId, isActive));
        Code = code.Trim();
        Name = name.Trim();
        Description = description.Trim();
        LeadDepartmentId = leadDepartmentId;
        IsActive = isActive;
    }

    /// <summary>
    /// Every rule of a category, field by field, so a form can show each refusal beside its field: the refusals by
    /// property name (<see cref="Code"/>, <see cref="Name"/>, <see cref="Description"/>, <see cref="LeadDepartmentId"/>);
    /// empty when the category may be so.
    /// </summary>
    public static IReadOnlyDictionary<string, DomainException> Check(string? code, string? name, string? description, int? leadDepartmentId, bool isActive)
    {
        var refusals = new Dictionary<string, DomainException>();
        void Rule(string field, Action rule)
        {
            try
            {
                rule();
            }
            catch (DomainException refused)
            {
                refusals[field] = refused;
            }
        }
        Rule(nameof(Code), () => Require.Text(code, CodeMaxLength, Fields.CategoryCode));
        Rule(nameof(Name), () => Require.Text(name, NameMaxLength, Fields.CategoryName));
        Rule(nameof(Description), () => Require.Text(description, DescriptionMaxLength, Fields.CategoryDescription));
        Rule(nameof(LeadDepartmentId), () => RequireLeadWhenActive(leadDepartmentId, isActive));
        return refusals;
    }

#pragma warning disable CS8618 // EF Core sets every property when it materialises a category.
    /// <summary>For EF Core: a stored category is read as it is, even one stored before the lead-department rule.</summary>
    private RequestCategory()
    {
    }
#pragma warning restore CS8618

    private static void ThrowFirst(IReadOnlyDictionary<string, DomainException> refusals)
    {
        if (refusals.Count > 0)
        {
            throw refusals.Values.First();
        }
    }

    /// <summary>
    /// An active category without a lead department would leave each of its requests to be routed by hand:
    /// refused, so a category loses its lead only while inactive.
    /// </summary>
    private static void RequireLeadWhenActive(int? leadDepartmentId, bool isActive)
    {
        if (isActive && leadDepartmentId is null)
        {
            throw new DomainException(CategoryRefusals.ActiveWithoutLeadDepartment, "启用的诉求类别必须指定牵头部门");
        }
    }
}
