namespace Pana.Data.Registry;

/// <summary>A record about one person or household; its audit entries carry that subject's id.</summary>
public interface ISubjectOfRecord
{
    Guid SubjectId { get; }
}
