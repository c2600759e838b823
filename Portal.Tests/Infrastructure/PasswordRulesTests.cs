using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Identity;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

public class PasswordRulesTests
{
    [Fact]
    public void CommonList_HoldsAtLeastAThousandPasswords() =>
        Assert.True(CommonPasswordValidator.Count >= 1000, $"only {CommonPasswordValidator.Count} common passwords loaded");

    [Theory]
    [InlineData("123456")]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("qwerty")]
    [InlineData("woaini1314")]
    [InlineData("Password2026!")]
    [InlineData("Dragon123")]
    public void IsCommon_ForAPasswordFromTheListOrOneWithDigitsAppended_IsTrue(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData(DemoData.Password)]
    [InlineData("Tez#Portal-2026")]
    [InlineData("运河古城2026!")]
    public void IsCommon_ForAnUncommonPassword_IsFalse(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("abcdefgh", 1)]
    [InlineData("abcdEFGH", 2)]
    [InlineData("abcdEF12", 3)]
    [InlineData("abEF12#$", 4)]
    public void Kinds_CountsTheKindsOfCharacter(string password, int kinds) =>
        Assert.Equal(kinds, CharacterMixPasswordValidator.Kinds(password));

    [Theory]
    [InlineData("Qingshan!", true)]
    [InlineData("qingshan88", false)]
    [InlineData("password1", false)]
    [InlineData("Ab1!", false)]
    [InlineData("Tez#Portal-2026", true)]
    public async Task UserManager_AppliesEveryRule(string password, bool accepted)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = InfrastructureServices.Create(database);
        await services.InitialisePortalDatabaseAsync(new SeedSettings(true, null, null));
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var result = await users.CreateAsync(new ApplicationUser { UserName = "new@yqby.test", Email = "new@yqby.test" }, password);

        Assert.Equal(accepted, result.Succeeded);
    }
}
