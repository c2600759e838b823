namespace Portal.Domain.Organisation;

/// <summary>
/// 诉求类别: a factor guarantee (要素保障: land, finance, energy, water, power) or a service, with
/// the department that leads requests of the kind.
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
    /// The department proposed as lead when a request of the category is dispatched; null when the
    /// category has none, and whoever dispatches must choose one.
    /// </summary>
    public int? LeadDepartmentId { get; private set; }

    public RequestCategory(string code, string name, string description, int? leadDepartmentId)
    {
        Code = Require.Text(code, CodeMaxLength, Fields.CategoryCode);
        Name = Require.Text(name, NameMaxLength, Fields.CategoryName);
        Description = Require.Text(description, DescriptionMaxLength, Fields.CategoryDescription);
        LeadDepartmentId = leadDepartmentId;
    }
}
