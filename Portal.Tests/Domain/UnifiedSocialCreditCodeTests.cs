using Portal.Domain;
using Portal.Domain.Organisation;
using Portal.Infrastructure.Data.Seeding;

namespace Portal.Tests.Domain;

public class UnifiedSocialCreditCodeTests
{
    public static TheoryData<string> DemoCodes => new(DemoData.Enterprises.Select(e => e.CreditCode));

    [Theory]
    [MemberData(nameof(DemoCodes))]
    public void Parse_EveryDemoEnterpriseCode_IsValid(string code) =>
        Assert.Equal(code, UnifiedSocialCreditCode.Parse(code).Value);

    [Theory]
    [InlineData("91350100M000100Y43")] // the example printed in GB 32100-2015
    [InlineData("91110000600037341L")]
    public void Parse_PublishedCodes_AreValid(string code) =>
        Assert.True(UnifiedSocialCreditCode.IsValid(code));

    [Fact]
    public void Parse_LowerCaseAndSpaces_AreNormalised() =>
        Assert.Equal("91370405MA3C8K2L60", UnifiedSocialCreditCode.Parse(" 91370405ma3c8k2l60 ").Value);

    [Theory]
    [InlineData("91370405MA3C8K2L61", "校验位不正确")]
    [InlineData("91370405MA3C8K2L6", "应为 18 位")]
    [InlineData("", "应为 18 位")]
    [InlineData("91370405MA3C8K2LI0", "无效字符“I”")]
    [InlineData("9137A405MA3C8K2L60", "行政区划代码")]
    [InlineData("91370405MA3C8K2L70", "组织机构代码校验位")]
    public void Parse_InvalidCode_IsRefusedWithTheReason(string code, string reason)
    {
        var refusal = Assert.Throws<DomainException>(() => UnifiedSocialCreditCode.Parse(code));
        Assert.Contains(reason, refusal.Message);
    }

    [Fact]
    public void CheckCharacter_ChangingAnyOneCharacter_IsDetected()
    {
        const string valid = "91370405MA3C8K2L60";
        for (var i = 0; i < 17; i++)
        {
            var altered = valid.ToCharArray();
            altered[i] = altered[i] == '1' ? '2' : '1';
            Assert.False(UnifiedSocialCreditCode.IsValid(new string(altered)), $"changing position {i + 1} went unnoticed");
        }
    }
}
