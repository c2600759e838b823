using Npgsql;
using Portal.Infrastructure.Requests;

namespace Portal.Bench.Run;

/// <summary>The generated accounts the benchmarks act as (bench/README.md).</summary>
public sealed record BenchUsers(PortalUser Commissioner, PortalUser Supervisor, PortalUser DepartmentHead, PortalUser Enterprise)
{
    public const string CommissionerEmail = "commissioner01@bench.yqby.test";
    public const string Password = "Bench#Yqby-2026";

    public static async Task<BenchUsers> LoadAsync(NpgsqlDataSource data)
    {
        async Task<PortalUser> One(string where)
        {
            await using var command = data.CreateCommand(
                "select u.\"Id\", r.\"Name\", u.\"DepartmentId\", u.\"EnterpriseId\" from \"AspNetUsers\" u " +
                "join \"AspNetUserRoles\" ur on ur.\"UserId\" = u.\"Id\" join \"AspNetRoles\" r on r.\"Id\" = ur.\"RoleId\" " +
                $"where {where} limit 1");
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                throw new RunRefusal($"No account where {where}: is this a database bench/generate filled?");
            }
            return new PortalUser(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3));
        }
        return new BenchUsers(
            await One($"u.\"NormalizedEmail\" = '{CommissionerEmail.ToUpperInvariant()}'"),
            await One("r.\"Name\" = 'Supervisor' order by u.\"NormalizedEmail\""),
            await One("u.\"Id\" = (select \"HeadUserId\" from \"Departments\" where \"HeadUserId\" is not null order by \"Id\" limit 1)"),
            // The enterprise with the most requests: the longest list an enterprise user pages through.
            await One("u.\"EnterpriseId\" = (select \"EnterpriseId\" from \"ServiceRequests\" group by \"EnterpriseId\" order by count(*) desc limit 1)"));
    }
}
