/*
 * mediascan: reads the head and the tail of every regular file under a directory, the way a media
 * library scanner (Plex, Jellyfin, ffprobe) probes a file, and prints one machine-readable line:
 *   mediascan files=N bytes=B seconds=S
 * Usage: mediascan DIR [HEAD_BYTES [TAIL_BYTES]]   (default 65536 at each end; ffprobe on an mp4
 * whose index is at the end reads about 64 KiB of head, then the last MiB)
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static size_t head_bytes = 65536;
static size_t tail_bytes = 65536;
static char *buffer;
static long files;
static long long bytes;
static int failures;

static int read_at(int fd, off_t offset, size_t length)
{
    ssize_t n = pread(fd, buffer, length, offset);
    if (n < 0) {
        return -1;
    }
    bytes += n;
    return 0;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type != FTW_F || !S_ISREG(st->st_mode)) {
        return 0;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        failures++;
        return 0;
    }
    off_t tail = st->st_size > (off_t)tail_bytes ? st->st_size - (off_t)tail_bytes : 0;
    if (read_at(fd, 0, head_bytes) != 0 || read_at(fd, tail, tail_bytes) != 0) {
        perror(path);
        failures++;
    }
    close(fd);
    files++;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR [HEAD_BYTES [TAIL_BYTES]]\n", argv[0]);
        return 2;
    }
    if (argc > 2) {
        head_bytes = tail_bytes = (size_t)strtoul(argv[2], NULL, 10);
    }
    if (argc > 3) {
        tail_bytes = (size_t)strtoul(argv[3], NULL, 10);
    }
    buffer = malloc(head_bytes > tail_bytes ? head_bytes : tail_bytes);
    if (buffer == NULL) {
        return 1;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (nftw(argv[1], visit, 16, FTW_PHYS) != 0) {
        perror(argv[1]);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("mediascan files=%ld bytes=%lld seconds=%.3f\n", files, bytes, seconds);
    free(buffer);
    return failures == 0 ? 0 : 1;
}
