namespace Portal.Domain.Organisation;

/// <summary>Codes of the refusals of request categories (诉求类别), as the admin page and the filing form meet them.</summary>
public static class CategoryRefusals
{
    public const string ActiveWithoutLeadDepartment = "Category.ActiveWithoutLeadDepartment";

    /// <summary>{0}: the code typed.</summary>
    public const string CodeTaken = "Category.CodeTaken";

    public const string NotFound = "Category.NotFound";

    public const string LeadDepartmentNotFound = "Category.LeadDepartmentNotFound";

    /// <summary>A request filed (or a draft kept) under a category an admin has since made inactive.</summary>
    public const string Inactive = "Category.Inactive";
}
