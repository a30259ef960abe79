/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_DISTRIBUTED_H
#define SELMCAST_DISTRIBUTED_H

#include "selmcast-rank-policy.h"

#include "ns3/selmcast-trainer.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The examples' distributed runs over ns-3's MPI engine: options, checks, start and end.
 */

namespace ns3
{

class SelmcastArgs;

/**
 * \ingroup selmcast
 * What the examples' --distributed, --partition and --sync say.
 */
struct SelmcastDistributedOptions
{
    bool distributed{false};          //!< run on the MPI ranks mpirun started
    std::string partition{"leaf"};    //!< SelmcastRankPolicy text form
    std::string sync{"null-message"}; //!< null-message or granted-time-window
};

/**
 * \ingroup selmcast
 * Distributed runs for the examples. Only a build with ns-3's mpi module (SELMCAST_HAVE_MPI:
 * an ns-3 source tree configured with --enable-mpi) can run them; elsewhere Validate refuses
 * --distributed in one line. With MPI: Enable binds the chosen synchronizer
 * (ns3::NullMessageSimulatorImpl or ns3::DistributedSimulatorImpl, the granted-time-window one)
 * and calls MpiInterface::Enable; the topology places its nodes by the policy; Disable ends MPI.
 */
class SelmcastDistributed
{
  public:
    /**
     * Register --distributed, --partition and --sync.
     * \param args the example's command line
     * \param options where the values go (must outlive args.Parse)
     */
    static void AddArguments(SelmcastArgs& args, SelmcastDistributedOptions& options);

    /** \return true when this build has ns-3's mpi module */
    static bool IsAvailable();

    /**
     * Check the options before anything runs (the partition against the ranks is checked by
     * Enable, which knows them).
     * \param options the parsed options
     * \return an empty string when valid, else one line naming the option and what it allows
     */
    static std::string Validate(const SelmcastDistributedOptions& options);

    /**
     * Start MPI with the chosen synchronizer and read the partition for the ranks started.
     * Without --distributed: nothing, and one rank.
     * \param options valid options
     * \param argc main's argc
     * \param argv main's argv
     * \param policy set to the placement of the nodes
     * \return an empty string, or why the partition does not fit the ranks
     */
    static std::string Enable(const SelmcastDistributedOptions& options,
                              int* argc,
                              char*** argv,
                              SelmcastRankPolicy& policy);

    /**
     * Sum a value over every rank (MPI_Allreduce; every rank must call it), e.g. the compute
     * time of the trainers each rank simulated. Without MPI: the value itself.
     * \param value this rank's part
     * \return the sum over the ranks
     */
    static double SumOverRanks(double value);

    /**
     * \param trainers every trainer of the run (those of other ranks never ran: 0)
     * \return the compute time of the trainers every rank simulated, in seconds
     */
    static double ComputeOverRanks(const std::vector<Ptr<SelmcastTrainer>>& trainers);

    /** End MPI when Enable started it. */
    static void Disable();
};

} // namespace ns3

#endif // SELMCAST_DISTRIBUTED_H
