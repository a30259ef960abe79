/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-distributed.h"

#include "selmcast-args.h"
#include "selmcast-results.h"

#include "ns3/global-value.h"
#include "ns3/string.h"

#ifdef SELMCAST_HAVE_MPI
#include "ns3/mpi-interface.h"
#endif

namespace ns3
{

void
SelmcastDistributed::AddArguments(SelmcastArgs& args, SelmcastDistributedOptions& options)
{
    args.AddValue("distributed",
                  "run on the MPI ranks mpirun started (needs a build with ns-3's mpi module)",
                  options.distributed);
    args.AddValue("partition",
                  "with --distributed: leaf, round-robin or list:r0,r1,... (rank per worker)",
                  options.partition);
    args.AddValue("sync", "with --distributed: null-message or granted-time-window", options.sync);
}

bool
SelmcastDistributed::IsAvailable()
{
#ifdef SELMCAST_HAVE_MPI
    return true;
#else
    return false;
#endif
}

std::string
SelmcastDistributed::Validate(const SelmcastDistributedOptions& options)
{
    if (options.distributed && !IsAvailable())
    {
        return "distributed: this build has no MPI (ns-3's mpi module), allowed: off; build "
               "selmcast in an ns-3 tree configured with --enable-mpi";
    }
    if (options.sync != "null-message" && options.sync != "granted-time-window")
    {
        return "sync = \"" + options.sync + "\", allowed: null-message or granted-time-window";
    }
    // The ranks are known only once MPI starts: here the form, the ranks of a list in Enable.
    SelmcastRankPolicy policy;
    return SelmcastRankPolicy::Parse(options.partition, SelmcastRankPolicy::ANY_RANKS, policy);
}

std::string
SelmcastDistributed::Enable(const SelmcastDistributedOptions& options,
                            int* argc,
                            char*** argv,
                            SelmcastRankPolicy& policy)
{
    policy = SelmcastRankPolicy();
    if (!options.distributed)
    {
        return "";
    }
#ifdef SELMCAST_HAVE_MPI
    GlobalValue::Bind("SimulatorImplementationType",
                      StringValue(options.sync == "null-message"
                                      ? "ns3::NullMessageSimulatorImpl"
                                      : "ns3::DistributedSimulatorImpl"));
    MpiInterface::Enable(argc, argv);
    return SelmcastRankPolicy::Parse(options.partition, MpiInterface::GetSize(), policy);
#else
    (void)argc;
    (void)argv;
    return Validate(options);
#endif
}

double
SelmcastDistributed::SumOverRanks(double value)
{
#ifdef SELMCAST_HAVE_MPI
    if (MpiInterface::IsEnabled())
    {
        MPI_Allreduce(MPI_IN_PLACE,
                      &value,
                      1,
                      MPI_DOUBLE,
                      MPI_SUM,
                      MpiInterface::GetCommunicator());
    }
#endif
    return value;
}

double
SelmcastDistributed::ComputeOverRanks(const std::vector<Ptr<SelmcastTrainer>>& trainers)
{
    return SumOverRanks(SelmcastComputeSeconds(trainers));
}

void
SelmcastDistributed::Disable()
{
#ifdef SELMCAST_HAVE_MPI
    if (MpiInterface::IsEnabled())
    {
        MpiInterface::Disable();
    }
#endif
}

} // namespace ns3
