namespace FsMount.Fuse.Dispatch;

/// <summary>Serves one opcode: decode the request, do the work, reply once (FORGET and BATCH_FORGET never reply).</summary>
internal delegate ValueTask FuseHandler(FuseRequest request);
