using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Tests.Support;

/// <summary>What a test does beside the pages of a running portal: query its database, find a demo person, call its request services.</summary>
public static class PortalServiceExtensions
{
    public static async Task<T> QueryAsync<T>(this IServiceProvider services, Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>The person with this e-mail, as the request services see a signed-in user.</summary>
    public static Task<PortalUser> UserAsync(this IServiceProvider services, string email) => services.QueryAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var role = await db.UserRoles.Where(ur => ur.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).SingleAsync();
        return new PortalUser(user.Id, role, user.DepartmentId, user.EnterpriseId);
    });

    /// <summary>Runs <paramref name="use"/> with the request service of a new scope.</summary>
    public static async Task<T> RequestsAsync<T>(this IServiceProvider services, Func<RequestService, Task<T>> use)
    {
        await using var scope = services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<RequestService>());
    }

    /// <summary>The request as this person sees it.</summary>
    public static async Task<RequestDetails> RequestAsync(this IServiceProvider services, string email, string number)
    {
        var user = await services.UserAsync(email);
        return await services.RequestsAsync(s => s.GetAsync(user, number)) ?? throw new InvalidOperationException($"{email} cannot see {number}");
    }
}
