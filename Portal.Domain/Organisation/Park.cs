namespace Portal.Domain.Organisation;

/// <summary>园区: an industrial park of the district.</summary>
public class Park
{
    public const int NameMaxLength = 64;

    public int Id { get; private set; }
    public string Name { get; private set; }

    public Park(string name) => Name = Require.Text(name, NameMaxLength, "园区名称");
}
