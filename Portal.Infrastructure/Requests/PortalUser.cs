namespace Portal.Infrastructure.Requests;

/// <summary>The signed-in user as the services see them: who, in which role, of which department or enterprise.</summary>
public sealed record PortalUser(string Id, string Role, int? DepartmentId = null, int? EnterpriseId = null);

/// <summary>The request does not exist, or lies outside the user's scope: the two look the same on purpose.</summary>
public sealed class RequestNotFoundException(string number) : Exception($"诉求 {number} 不存在或您无权查看")
{
    public string Number { get; } = number;
}

/// <summary>Someone else acted on the request since the user loaded it; nothing was saved.</summary>
public sealed class RequestChangedException() : Exception("该诉求已被他人更新，请刷新后重试，您的输入不会丢失");

/// <summary>The enterprise does not exist, or lies outside the user's scope (filing for it): the two look the same on purpose.</summary>
public sealed class EnterpriseNotFoundException(int id) : Exception($"企业 {id} 不存在或不在您的服务范围内")
{
    public int Id { get; } = id;
}
