/*
 * randread: reads COUNT blocks of BYTES at random block-aligned offsets of a file (the access
 * pattern of a player seeking, or of a database or archive tool), and prints one machine-readable line:
 *   randread reads=N bytes=B seconds=S
 * Usage: randread FILE [COUNT [BYTES [SEED]]]   (default 1000 reads of 65536 bytes, seed 1)
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [COUNT [BYTES [SEED]]]\n", argv[0]);
        return 2;
    }
    long count = argc > 2 ? strtol(argv[2], NULL, 10) : 1000;
    size_t block = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 65536;
    srand48(argc > 4 ? strtol(argv[4], NULL, 10) : 1);
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < (off_t)block) {
        perror(argv[1]);
        return 1;
    }
    char *buffer = malloc(block);
    if (buffer == NULL) {
        return 1;
    }
    long blocks = (long)(st.st_size / (off_t)block);
    long long bytes = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < count; i++) {
        ssize_t n = pread(fd, buffer, block, (off_t)(lrand48() % blocks) * (off_t)block);
        if (n < 0) {
            perror(argv[1]);
            return 1;
        }
        bytes += n;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("randread reads=%ld bytes=%lld seconds=%.3f\n", count, bytes, seconds);
    free(buffer);
    close(fd);
    return 0;
}
