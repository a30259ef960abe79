/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \defgroup selmcast Selective multicast for peer-to-peer distributed learning
 *
 * The reference implementation of SELMCAST (Luo et al., "Efficient Parameter Synchronization for
 * Peer-to-Peer Distributed Learning With Selective Multicast", IEEE TSC 18:156-168, 2025):
 * receiver selection for the parameter synchronization of peer-to-peer data-parallel training,
 * from the selection algorithm down to packets.
 *
 * The selection core (namespace ns3::selmcast) is plain C++ with no simulator types: the
 * problem instance and its metrics (ns3::selmcast::Problem), the selectors behind
 * ns3::selmcast::Selector (SELMCAST for BSP and SSP, Random p, Broadcast, the exact Optimum),
 * the rate allocator (finish-together, max-min, deadline priority), the compute-time models
 * (ns3::selmcast::ComputeTimeModel) and the only random source (ns3::selmcast::Rng).
 *
 * At packet level:
 * - ns3::SelmcastWorker sends a parameter block reliably as paced UDP segments to an IP
 *   multicast group (L3) or to each receiver (L7), with NACKs, repairs and polls, and receives
 *   the blocks of the other workers (wire formats: ns3::SelmcastDataHeader,
 *   ns3::SelmcastNackHeader, ns3::SelmcastAckHeader);
 * - ns3::SelmcastTrainer runs a worker's training loop (compute, READY, DONE) and
 *   ns3::SelmcastController, on its own node, runs the selection every round (BSP) or every time
 *   a worker is ready (SSP), installs the trees and allocates the rates
 *   (control messages: ns3::SelmcastControlHeader).
 *
 * Helpers: ns3::SelmcastTopologyHelper (big switch, leaf-spine; ns3::SelmcastTopology),
 * ns3::SelmcastTreeManager (multicast trees as static routes), ns3::SelmcastWorkerHelper,
 * ns3::SelmcastTrainingHelper, ns3::SelmcastBandwidthVariation (rates that change during a run),
 * ns3::SelmcastBspScenario, and the result writers ns3::SelmcastResults (BSP) and
 * ns3::SelmcastSspResults (SSP).
 *
 * See doc/selmcast.rst for the model chapter (design, attributes, trace sources, output files,
 * examples and validation) and doc/sweeps.rst for parameter sweeps.
 */

/**
 * \defgroup selmcast-tests selmcast module tests
 * \ingroup selmcast
 * \ingroup tests
 *
 * The ns-3 TestSuites of the selmcast module (test/selmcast-*-test-suite.cc): wire formats,
 * transfers, selection, multicast trees, topologies, training (BSP) and SSP, and scenarios.
 */
