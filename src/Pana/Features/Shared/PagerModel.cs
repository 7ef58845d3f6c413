namespace Pana.Features.Shared;

/// <summary>
/// What the _Pager partial needs: where we are and how to link to another page of the same query; Capped when the
/// query counted only up to Total and there are more.
/// </summary>
public sealed record PagerModel(int Page, int Pages, int Total, Func<int, string> Link, bool Capped = false);
