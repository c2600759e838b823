namespace Portal.Domain.Organisation;

/// <summary>产业: an industry the district reports by.</summary>
public class Industry
{
    public const int NameMaxLength = 64;

    public int Id { get; private set; }
    public string Name { get; private set; }

    public Industry(string name) => Name = Require.Text(name, NameMaxLength, "产业名称");
}
