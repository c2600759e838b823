using System.Xml.Linq;
using Portal.Infrastructure.Audit;

namespace Portal.Tests.Web;

/// <summary>Every audit kind has its name in Chinese and English (<c>Audit.Kind.*</c> in AdminResource), for the log's filter and its CSV.</summary>
public class AuditKindTextTests
{
    [Theory]
    [InlineData("AdminResource.resx")]
    [InlineData("AdminResource.en.resx")]
    public void EveryKind_HasAName(string file)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "Portal.sln")))
        {
            folder = folder.Parent;
        }
        var keys = XDocument.Load(Path.Combine(folder.FullName, "Portal.Web", "Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();

        var missing = AuditKinds.All.Where(kind => !keys.Contains("Audit.Kind." + kind)).ToList();
        Assert.True(missing.Count == 0, "No name for " + string.Join(", ", missing));
    }
}
