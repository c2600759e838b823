using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

public class DataProtectionKeyTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Protect_StoresTheKeyInTheDatabase_SoAnotherNodeCanUnprotect(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var first = InfrastructureServices.Create(database))
        {
            await first.InitialisePortalDatabaseAsync(new SeedSettings(true, null, null));
        }

        string protectedText;
        await using (var node1 = InfrastructureServices.Create(database))
        {
            protectedText = node1.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("台儿庄");
            await using var db = await node1.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }

        await using var node2 = InfrastructureServices.Create(database);
        Assert.Equal("台儿庄", node2.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }
}
