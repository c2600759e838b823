using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>What the action dialogs' pickers offer, and to whom, on both databases.</summary>
public class ActionChoicesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachPicker_AnswersOnlyTheRolesThatTakeItsAction(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider, demoData: true);
        await using var scope = portal.Services.CreateAsyncScope();
        var choices = scope.ServiceProvider.GetRequiredService<ActionChoices>();

        var departments = await choices.DepartmentsAsync(await portal.UserAsync("commissioner@yqby.test"));
        Assert.Contains(departments, d => d.Name == "自然资源局");
        Assert.Contains(departments, d => d.Name == "发改局");
        Assert.Empty(await choices.DepartmentsAsync(await portal.UserAsync("enterprise@yqby.test")));

        var handlers = await choices.HandlersAsync(await portal.UserAsync("zrzy.head@yqby.test"));
        Assert.Equal(["自然资源局负责人", "自然资源局经办人"], handlers.Select(h => h.Name));
        Assert.Empty(await choices.HandlersAsync(await portal.UserAsync("zrzy.handler@yqby.test")));

        var commissioners = await choices.CommissionersAsync(await portal.UserAsync("supervisor@yqby.test"));
        Assert.Equal(["孙浩", "李明", "王芳"], commissioners.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await choices.CommissionersAsync(await portal.UserAsync("commissioner@yqby.test")));
    }
}
