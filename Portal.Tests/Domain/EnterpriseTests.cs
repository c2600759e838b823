using Portal.Domain;
using Portal.Domain.Organisation;

namespace Portal.Tests.Domain;

public class EnterpriseTests
{
    private static Enterprise NewEnterprise(bool isAboveScale) =>
        new("运河纺织有限公司", UnifiedSocialCreditCode.Parse("91370405849E4WLN3B"), parkId: 1, industryId: 1, isAboveScale);

    [Fact]
    public void AssignCadre_ToAnEnterpriseBelowScale_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => NewEnterprise(isAboveScale: false).AssignCadre("cadre-1"));
        Assert.Equal("只有规上工业企业安排县级干部包保", refusal.Message);
    }

    [Fact]
    public void AssignCadre_ToAnAboveScaleEnterprise_RecordsTheCadre()
    {
        var enterprise = NewEnterprise(isAboveScale: true);
        enterprise.AssignCadre("cadre-1");
        Assert.Equal("cadre-1", enterprise.CadreUserId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void New_WithoutAName_IsRefused(string name)
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new Enterprise(name, UnifiedSocialCreditCode.Parse("91370405849E4WLN3B"), 1, 1, false));
        Assert.Equal("企业名称不能为空", refusal.Message);
    }

    [Fact]
    public void New_WithAnOverlongName_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new Enterprise(new string('企', Enterprise.NameMaxLength + 1), UnifiedSocialCreditCode.Parse("91370405849E4WLN3B"), 1, 1, false));
        Assert.Contains("不能超过 100 个字符", refusal.Message);
    }
}
