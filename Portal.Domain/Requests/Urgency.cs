namespace Portal.Domain.Requests;

/// <summary>紧急程度: how urgent a request is; an urgent one runs on the shorter time limits of its category.</summary>
public enum Urgency
{
    /// <summary>一般.</summary>
    Normal,

    /// <summary>紧急.</summary>
    Urgent,
}
