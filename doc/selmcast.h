/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \defgroup selmcast Selective multicast for peer-to-peer distributed learning
 *
 * The reference implementation of SELMCAST (Luo et al., "Efficient Parameter Synchronization for
 * Peer-to-Peer Distributed Learning With Selective Multicast", IEEE TSC 18:156-168, 2025).
 *
 * The selection core (namespace ns3::selmcast) is plain C++ with no simulator types: the
 * problem instance and its metrics (ns3::selmcast::Problem), the selectors behind
 * ns3::selmcast::Selector (SELMCAST for BSP and SSP, Random p, Broadcast, the exact Optimum),
 * and the only random source (ns3::selmcast::Rng). See doc/selmcast.rst for the model chapter.
 */
