namespace FsMount.Fuse.Tests.Support;

internal readonly record struct NodeIdAndReply(ulong NodeId, FuseReply Reply);
