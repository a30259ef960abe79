#! /usr/bin/env python3

# A list of C++ examples to run in order to ensure that they remain buildable and runnable over
# time. ./test.py runs them in-tree; the standalone build registers each as a CTest test.
#
# Each tuple is ("example-name --arguments", "condition to run", "condition to run under
# valgrind"). Arguments pass through a shell: no |, ; or & in them.
cpp_examples = [
    ("selmcast-bsp-selection --n=20 --trials=2", "True", "False"),
    ("selmcast-packet-benchmark --workers=8 --receivers=3 --blockSize=300000", "True", "False"),
    ("selmcast-bsp --n=6 --rounds=2 --blockSize=300000 --outDir=selmcast-bsp-output", "True", "False"),
    ("selmcast-ssp --n=6 --rounds=3 --blockSize=200000 --outDir=selmcast-ssp-output", "True", "False"),
    ("selmcast-ssp-flow --duration=5 --outDir=selmcast-ssp-flow-output", "True", "False"),
    ("selmcast-ssp --n=6 --rounds=3 --blockSize=200000 --mtu=9000 --segmentSize=8940 --outDir=selmcast-ssp-jumbo-output", "True", "False"),
    ("selmcast-ssp --n=8 --topology=leafspine --oversubscription=4 --selector=selmcast-fabric --rounds=3 --blockSize=200000 --outDir=selmcast-ssp-fabric-output", "True", "False"),
    ("selmcast-compare --n=6 --rounds=2 --blockSize=200000 --outDir=selmcast-compare-output", "True", "False"),
    ("selmcast-bsp --n=4 --rounds=2 --blockSize=100000 --pcap --pcapWorkers=0,3 --timeline --outDir=selmcast-bsp-capture-output", "True", "False"),
    ("selmcast-minimal", "True", "False"),
    ("selmcast-fabric-compare --leaves=2 --spines=2 --hostsPerLeaf=3 --fatTreeK=2 --trials=2 --oversubscriptions=1,4 --delivery=both --outDir=selmcast-fabric-compare-output", "True", "False"),
    ("selmcast-topologies --n=8 --blockSize=200000 --outDir=selmcast-topologies-output", "True", "False"),
    ("selmcast-scaling-benchmark --n=16 --modes=all --leafSpineN=16 --blockSize=200000 --shrinkBytes=3200000 --outDir=selmcast-scaling-output", "True", "False"),
    ("selmcast-loss-benchmark --workers=8 --receivers=3 --blockSize=300000 --loss=0.05 --runs=2", "True", "False"),
    ("selmcast-loss-benchmark --workers=8 --receivers=3 --blockSize=300000 --lossModel=burst --loss=0.02 --runs=2", "True", "False"),
    ("selmcast-loss-benchmark --workers=8 --receivers=3 --blockSize=300000 --loss=0.05 --repair=source --runs=2", "True", "False"),
]

# A list of Python examples to run in order to ensure that they remain runnable over time.
python_examples = []
